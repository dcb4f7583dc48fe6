using Microsoft.AspNetCore.Routing.Template;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>A Graph handler; <c>version</c> is "v1.0" or "beta".</summary>
internal delegate Task GraphHandler(HttpContext context, string version);

/// <summary>
/// The Graph route table. Every route is mapped as an ASP.NET endpoint under each of its versions, and the same table
/// resolves inner <c>$batch</c> requests, so both reach the same handler functions.
/// </summary>
internal sealed class GraphRouter
{
    public static readonly string[] AllVersions = ["v1.0", "beta"];

    private readonly List<Route> _routes = [];

    /// <summary>Adds a route; <paramref name="template"/> is relative to the version ("users/{id}").</summary>
    public void Add(string method, string template, GraphHandler handler, params string[] versions) =>
        _routes.Add(new Route(method, template, new TemplateMatcher(TemplateParser.Parse(template), []), versions.Length == 0 ? AllVersions : versions, handler));

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var route in _routes)
        {
            foreach (var version in route.Versions)
            {
                app.MapMethods($"/{version}/{route.Template}", [route.Method], context => route.Handler(context, version));
            }
        }
    }

    /// <summary>
    /// Finds the handler for <paramref name="path"/> (decoded, relative to the version, leading slash) and fills
    /// <paramref name="values"/> with the route values. <paramref name="pathKnown"/>: some route matches the path with
    /// another method (→ 405).
    /// </summary>
    public GraphHandler? Resolve(string version, string method, string path, RouteValueDictionary values, out bool pathKnown)
    {
        pathKnown = false;
        foreach (var route in _routes)
        {
            if (!route.Versions.Contains(version, StringComparer.Ordinal))
            {
                continue;
            }

            var candidate = new RouteValueDictionary();
            if (!route.Matcher.TryMatch(path, candidate))
            {
                continue;
            }

            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                pathKnown = true;
                continue;
            }

            foreach (var (k, v) in candidate)
            {
                values[k] = v;
            }

            return route.Handler;
        }

        return null;
    }

    private sealed record Route(string Method, string Template, TemplateMatcher Matcher, string[] Versions, GraphHandler Handler);
}
