using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;

namespace AcsTeamsSecurity.Tests.Auth
{
    public class TokenBrokerTests
    {
        private sealed class FakeClock
        {
            public DateTimeOffset Now { get; set; } = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        }

        private sealed class CountingSource : ITokenSource
        {
            private readonly FakeClock _clock;
            private readonly TimeSpan _lifetime;
            private int _calls;

            public CountingSource(FakeClock clock, TimeSpan lifetime, TimeSpan? delay = null)
            {
                _clock = clock;
                _lifetime = lifetime;
                Delay = delay ?? TimeSpan.Zero;
            }

            public TimeSpan Delay { get; }

            public int Calls => Volatile.Read(ref _calls);

            public List<string> Scopes { get; } = new();

            public List<bool> Bypassed { get; } = new();

            public bool CanRefresh => true;

            public async Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken)
            {
                var n = Interlocked.Increment(ref _calls);
                lock (Scopes)
                {
                    Scopes.Add(string.Join(" ", scopes));
                    Bypassed.Add(bypassCache);
                }

                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, cancellationToken);
                }

                return (TestJwt.Create(new { aud = "x", n }), _clock.Now + _lifetime);
            }
        }

        private static AcsTeamsEnvironment Global => EnvironmentRegistry.Get("Global");

        [Fact]
        public async Task CachesOneTokenPerServiceAcrossManyCalls()
        {
            var clock = new FakeClock();
            var source = new CountingSource(clock, TimeSpan.FromHours(1));
            var broker = new TokenBroker(source, Global, () => clock.Now);
            for (var i = 0; i < 50; i++)
            {
                await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
                await broker.GetTokenAsync(AcsTeamsService.TeamsAdmin, CancellationToken.None);
            }

            Assert.Equal(2, source.Calls);
            Assert.Equal(1, broker.AcquisitionCount(AcsTeamsService.Graph));
            Assert.Contains("https://graph.microsoft.com/.default", source.Scopes);
            Assert.Contains("48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default", source.Scopes);
        }

        [Fact]
        public async Task ConcurrentCallersShareOneAcquisition()
        {
            var clock = new FakeClock();
            var source = new CountingSource(clock, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(100));
            var broker = new TokenBroker(source, Global, () => clock.Now);
            var tasks = Enumerable.Range(0, 32).Select(_ => Task.Run(() => broker.GetTokenAsync(AcsTeamsService.Acs, CancellationToken.None))).ToArray();
            var tokens = await Task.WhenAll(tasks);
            Assert.Equal(1, source.Calls);
            Assert.Single(tokens.Distinct());
            Assert.Equal("https://communication.azure.com//.default", source.Scopes.Single());
        }

        [Fact]
        public async Task RenewsBeforeExpiryWithShortLifetimes()
        {
            var clock = new FakeClock();
            var source = new CountingSource(clock, TimeSpan.FromSeconds(5));
            var broker = new TokenBroker(source, Global, () => clock.Now);
            var first = await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Equal(first, await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None));
            clock.Now += TimeSpan.FromSeconds(1); // 4 s of 5: inside the 1.25 s margin
            var second = await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
            Assert.NotEqual(first, second);
            Assert.Equal(2, source.Calls);
        }

        [Fact]
        public async Task InvalidateDropsOnlyTheRejectedToken()
        {
            var clock = new FakeClock();
            var source = new CountingSource(clock, TimeSpan.FromHours(1));
            var broker = new TokenBroker(source, Global, () => clock.Now);
            var first = await broker.GetTokenAsync(AcsTeamsService.Arm, CancellationToken.None);
            Assert.True(broker.Invalidate(AcsTeamsService.Arm, "some-other-token"));
            Assert.Equal(first, await broker.GetTokenAsync(AcsTeamsService.Arm, CancellationToken.None));
            Assert.True(broker.Invalidate(AcsTeamsService.Arm, first));
            Assert.NotEqual(first, await broker.GetTokenAsync(AcsTeamsService.Arm, CancellationToken.None));
            Assert.Equal(new[] { false, true }, source.Bypassed);
            await broker.GetTokenAsync(AcsTeamsService.Arm, CancellationToken.None);
            Assert.Equal(2, source.Calls);
        }

        [Fact]
        public async Task UnavailableServiceFailsWithStableIdBeforeAnyRequest()
        {
            var clock = new FakeClock();
            var source = new CountingSource(clock, TimeSpan.FromHours(1));
            var broker = new TokenBroker(source, EnvironmentRegistry.Get("China"), () => clock.Now);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => broker.GetTokenAsync(AcsTeamsService.TeamsAdmin, CancellationToken.None));
            Assert.Equal(ErrorIds.ServiceNotAvailableInEnvironment, ex.ErrorId);
            Assert.Equal(0, source.Calls);
        }

        [Fact]
        public async Task ClearForgetsTokensAndRefusesFurtherUse()
        {
            var clock = new FakeClock();
            var broker = new TokenBroker(new CountingSource(clock, TimeSpan.FromHours(1)), Global, () => clock.Now);
            await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
            broker.Clear();
            Assert.All(broker.States(), s => Assert.False(s.Acquired));
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None));
            Assert.Equal(ErrorIds.ContextDisconnected, ex.ErrorId);
        }

        [Fact]
        public async Task StatesDescribeTokensWithoutExposingThem()
        {
            var clock = new FakeClock();
            var source = new FixedSource(TestJwt.Create(new { aud = "https://graph.microsoft.com", roles = new[] { "Organization.Read.All" }, exp = 1900000000 }));
            var broker = new TokenBroker(source, Global, () => clock.Now);
            await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None);
            var graph = broker.States().Single(s => s.Service == AcsTeamsService.Graph);
            Assert.True(graph.Acquired);
            Assert.Equal(new[] { "Organization.Read.All" }, graph.Roles);
            Assert.Equal("https://graph.microsoft.com", graph.Audience);
            Assert.DoesNotContain(typeof(Models.TokenState).GetProperties(), p => p.Name.Contains("Token", StringComparison.Ordinal) && p.PropertyType == typeof(string) && p.Name != nameof(Models.TokenState.Audience));
        }

        [Fact]
        public async Task BroughtTokensAreUsedUntilExpiryThenFailWithAccessTokenExpired()
        {
            var clock = new FakeClock();
            var token = TestJwt.Create(new { aud = "https://graph.microsoft.com" });
            var source = new StaticTokenSource(new Dictionary<AcsTeamsService, (string, DateTimeOffset)> { [AcsTeamsService.Graph] = (token, DateTimeOffset.UtcNow.AddSeconds(1)) });
            var broker = new TokenBroker(source, Global, () => DateTimeOffset.UtcNow);
            broker.Seed(AcsTeamsService.Graph, token, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(token, await broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None));
            await Task.Delay(1100);
            var ex = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => broker.GetTokenAsync(AcsTeamsService.Graph, CancellationToken.None));
            Assert.Equal(ErrorIds.AccessTokenExpired, ex.ErrorId);
            var missing = await Assert.ThrowsAsync<AcsTeamsSecurityException>(() => broker.GetTokenAsync(AcsTeamsService.Arm, CancellationToken.None));
            Assert.Equal(ErrorIds.AccessTokenMissing, missing.ErrorId);
            Assert.False(broker.Invalidate(AcsTeamsService.Graph, token));
        }

        private sealed class FixedSource : ITokenSource
        {
            private readonly string _token;

            public FixedSource(string token) => _token = token;

            public bool CanRefresh => true;

            public Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken) =>
                Task.FromResult((_token, DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    public class TokenRefreshPolicyTests
    {
        [Theory]
        [InlineData(3600, 300)]
        [InlineData(600, 150)]
        [InlineData(5, 1.25)]
        [InlineData(0, 0)]
        public void MarginIsFiveMinutesOrAQuarterOfTheLifetime(double lifetimeSeconds, double expectedMarginSeconds)
        {
            var start = DateTimeOffset.UnixEpoch;
            Assert.Equal(TimeSpan.FromSeconds(expectedMarginSeconds), TokenRefreshPolicy.MarginFor(start, start.AddSeconds(lifetimeSeconds)));
        }

        [Fact]
        public void FreshUntilTheMarginExpiredAtTheEnd()
        {
            var start = DateTimeOffset.UnixEpoch;
            var token = new CachedToken("t", start.AddHours(1), start);
            Assert.True(TokenRefreshPolicy.IsFresh(token, start.AddMinutes(54)));
            Assert.False(TokenRefreshPolicy.IsFresh(token, start.AddMinutes(55)));
            Assert.False(TokenRefreshPolicy.IsExpired(token, start.AddMinutes(59)));
            Assert.True(TokenRefreshPolicy.IsExpired(token, start.AddHours(1)));
        }
    }

    internal static class TestJwt
    {
        public static string Create(object payload)
        {
            var header = JwtClaims.Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            var body = JwtClaims.Base64UrlEncode(System.Text.Json.JsonSerializer.Serialize(payload));
            return $"{header}.{body}.sig";
        }
    }
}
