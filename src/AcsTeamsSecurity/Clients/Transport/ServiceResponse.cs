using System.Collections.Generic;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>A service answer reduced to what the module needs: status, body text and request ids.</summary>
    internal sealed class ServiceResponse
    {
        internal ServiceResponse(int status, string body, string? requestId, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            RequestId = requestId;
            Headers = headers;
        }

        internal int Status { get; }

        internal string Body { get; }

        internal string? RequestId { get; }

        internal IReadOnlyDictionary<string, string> Headers { get; }

        internal bool IsSuccess => Status >= 200 && Status < 300;
    }
}
