using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>Writes JSON exactly as built (no naming policy), so wire shapes stay what the code says.</summary>
internal static class JsonResponses
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Real services write ' and + literally; the default encoder would turn them into \u0027 / \u002B.
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int status, JsonNode? body, string contentType = "application/json; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var text = body is null ? "null" : body.ToJsonString(WriteOptions);
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    public static Task WriteRawAsync(HttpContext context, int status, string? body, string? contentType)
    {
        context.Response.StatusCode = status;
        if (!string.IsNullOrEmpty(contentType))
        {
            context.Response.ContentType = contentType;
        }

        return string.IsNullOrEmpty(body) ? Task.CompletedTask : context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Builds a JsonArray from strings (JsonArray has no params overload for strings).</summary>
    public static JsonArray Array(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(v);
        }

        return a;
    }

    public static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
