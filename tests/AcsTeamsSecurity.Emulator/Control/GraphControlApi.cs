using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// <c>GET|POST /_emulator/graph</c>: which evidenced Graph variant the emulator serves. Body (all optional):
/// <c>{"userConfigurationShape": "wrapped"|"plain", "cloud": "Global"|"GCC"|"GCCHigh"|"DoD"|"China"}</c>.
/// </summary>
internal sealed class GraphControlApi(GraphVariants variants)
{
    private static readonly string[] Shapes = [GraphVariants.Wrapped, GraphVariants.Plain];
    private static readonly string[] Clouds = ["Global", "GCC", "GCCHigh", "DoD", "China"];

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/graph", context => JsonResponses.WriteAsync(context, 200, Current()));
        app.MapPost("/_emulator/graph", SetAsync);
    }

    private async Task SetAsync(HttpContext context)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = "The body must be a JSON object." }).ConfigureAwait(false);
            return;
        }

        var shape = body["userConfigurationShape"]?.GetValue<string>();
        var cloud = body["cloud"]?.GetValue<string>();
        if (shape is not null && !Shapes.Contains(shape, StringComparer.Ordinal))
        {
            await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = $"userConfigurationShape must be one of {string.Join(", ", Shapes)}." }).ConfigureAwait(false);
            return;
        }

        if (cloud is not null && !Clouds.Contains(cloud, StringComparer.Ordinal))
        {
            await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = $"cloud must be one of {string.Join(", ", Clouds)}." }).ConfigureAwait(false);
            return;
        }

        if (shape is not null)
        {
            variants.UserConfigurationShape = shape;
        }

        if (cloud is not null)
        {
            variants.Cloud = cloud;
        }

        await JsonResponses.WriteAsync(context, 200, Current()).ConfigureAwait(false);
    }

    private JsonObject Current() => new()
    {
        ["userConfigurationShape"] = variants.UserConfigurationShape,
        ["cloud"] = variants.Cloud,
        ["userConfigurationsAvailable"] = variants.UserConfigurationsAvailable,
    };
}
