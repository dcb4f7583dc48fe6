using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using Xunit;

namespace AcsTeamsSecurity.Tests.Meetings
{
    public class JoinWebUrlTests
    {
        private const string Tid = "50e2e533-9dab-4904-a828-039ffb9dc1d0";
        private const string Oid = "fdcd883e-f32d-4549-bb81-297b8b0e2bfb";
        private const string Url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_MzQ5NTQ2ZDEtMjQ3%40thread.v2/0?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d";

        [Fact]
        public void ParsesTheDocumentedShape()
        {
            var url = JoinWebUrl.Parse(Url);
            Assert.Equal("19:meeting_MzQ5NTQ2ZDEtMjQ3@thread.v2", url.ThreadId);
            Assert.Equal("0", url.MessageId);
            Assert.Equal(Tid, url.TenantId);
            Assert.Equal(Oid, url.OrganizerId);
            Assert.Equal(Url, url.Value);
        }

        [Theory]
        [InlineData("https://gov.teams.microsoft.us/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/1234?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3Ameeting_abcdefgh%40thread.v2/0?context=%7B%22Tid%22%3A%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2C%22Oid%22%3A%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%2C%22MessageId%22%3A%220%22%7D&anon=true")]
        public void AcceptsOtherCloudsAndUpperCaseEscapes(string url)
        {
            Assert.Equal(Oid, JoinWebUrl.Parse(url).OrganizerId);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("not a url")]
        [InlineData("http://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%7d")]
        [InlineData("https://evil.example/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d")]
        [InlineData("https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0")]
        [InlineData("https://teams.microsoft.com/meet/2349823498?p=abc&context=%7b%7d")]
        [InlineData("https://teams.microsoft.com/meet/2349823498?p=ab'c")]
        [InlineData("https://teams.microsoft.com/meet/0349823498?p=abc")]
        [InlineData("https://teams.microsoft.com/meet/23498x3498")]
        [InlineData("https://teams.microsoft.com/meet/2349823498/x?p=abc")]
        [InlineData("https://evil.example/meet/2349823498?p=abc")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3aabcdefgh%40thread.v3/0?context=%7b%22Tid%22%3a%2250e2e533-9dab-4904-a828-039ffb9dc1d0%22%2c%22Oid%22%3a%22fdcd883e-f32d-4549-bb81-297b8b0e2bfb%22%7d")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=not-json")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc'%20or%201%20eq%201%40thread.v2/0?context=%7b%7d")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0/extra?context=%7b%7d")]
        [InlineData("https://user:pw@teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%7d")]
        [InlineData("https://teams.microsoft.com:8443/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/0?context=%7b%7d")]
        [InlineData("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abcdefgh%40thread.v2/abc?context=%7b%7d")]
        public void RefusesAnythingElseWithAStableId(string? url)
        {
            var ex = Assert.Throws<AcsTeamsSecurityException>(() => JoinWebUrl.Parse(url));
            Assert.Equal(ErrorIds.JoinWebUrlInvalid, ex.ErrorId);
        }

        [Theory]
        [InlineData("https://teams.microsoft.com/meet/2349823498?p=abcXYZ09", "2349823498")]
        [InlineData("https://teams.microsoft.com/meet/2723456789012", "2723456789012")]
        [InlineData("https://gov.teams.microsoft.us/meet/2723456789012?p=Q", "2723456789012")]
        public void ParsesShortLinksWhichNameNoOrganizer(string value, string id)
        {
            var url = JoinWebUrl.Parse(value);
            Assert.Equal(JoinLinkKind.Short, url.Kind);
            Assert.Equal(id, url.JoinMeetingId);
            Assert.Null(url.OrganizerId);
            Assert.Null(url.TenantId);
            Assert.Equal("joinMeetingIdSettings/joinMeetingId eq '" + id + "'", url.Filter);
        }

        [Theory]
        [InlineData("19%3a4f5e1c0b2a3d4e5f8a9b0c1d2e3f4a5b%40thread.tacv2", "19:4f5e1c0b2a3d4e5f8a9b0c1d2e3f4a5b@thread.tacv2")]
        [InlineData("19%3acbee7c1c860e465f8258e3cebf7bee0d%40thread.skype", "19:cbee7c1c860e465f8258e3cebf7bee0d@thread.skype")]
        [InlineData("19%3ameeting_MzQ5NTQ2ZDEtMjQ3%40thread.skype", "19:meeting_MzQ5NTQ2ZDEtMjQ3@thread.skype")]
        public void ParsesChannelAndLegacyThreadsWithoutTheMeetingPrefix(string encoded, string thread)
        {
            var url = JoinWebUrl.Parse("https://teams.microsoft.com/l/meetup-join/" + encoded + "/1765000000000?context=%7b%22Tid%22%3a%22" + Tid + "%22%2c%22Oid%22%3a%22" + Oid + "%22%7d");
            Assert.Equal(JoinLinkKind.MeetupJoin, url.Kind);
            Assert.Equal(thread, url.ThreadId);
            Assert.Equal(Oid, url.OrganizerId);
            Assert.StartsWith("JoinWebUrl eq '", url.Filter, StringComparison.Ordinal);
        }

        [Fact]
        public void TheFilterDoublesQuotes()
        {
            // A legitimate URL never carries a quote, but the filter must stay a single literal whatever it holds.
            var url = JoinWebUrl.Parse(Url);
            Assert.Equal("JoinWebUrl eq '" + Url + "'", url.Filter);
            Assert.DoesNotContain("' or", url.Filter.Substring(15, url.Filter.Length - 16), StringComparison.Ordinal);
        }
    }
}
