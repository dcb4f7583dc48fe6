// Microsoft's @azure/msal-node and @azure/identity against the emulator's Entra: the discovery document must parse for
// whichever loopback host the authority names, and Graph's app tokens must have Graph's real (v1) shape.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { ClientSecretCredential } from "@azure/identity";
import { baseUrl, claims, contoso, port, readerApp } from "./emulator.js";

for (const host of ["127.0.0.1", "localhost"]) {
  describe(`ConfidentialClientApplication, authority on ${host}`, () => {
    const authorityHost = `https://${host}:${port}`;

    test("the discovery document names the host that was asked", async () => {
      const document = await (await fetch(`${authorityHost}/${contoso.id}/v2.0/.well-known/openid-configuration`)).json();
      for (const key of ["token_endpoint", "authorization_endpoint", "issuer", "jwks_uri"]) {
        assert.equal(new URL(document[key]).host, `${host}:${port}`, key);
      }
    });

    test("client credentials: a Graph app token, v1 shaped", async () => {
      const cca = new ConfidentialClientApplication({
        auth: {
          clientId: readerApp.clientId,
          clientSecret: readerApp.secrets[0],
          authority: `${authorityHost}/${contoso.id}`,
          knownAuthorities: [`${host}:${port}`],
        },
      });
      const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
      assert.ok(result?.accessToken);
      assert.ok(result.expiresOn > new Date());
      const c = claims(result.accessToken);
      assert.equal(c.iss, `https://sts.windows.net/${contoso.id}/`);
      assert.equal(c.ver, "1.0");
      assert.equal(c.appid, readerApp.clientId);
      assert.equal(c.azp, undefined);
      assert.equal(c.tid, contoso.id);
      assert.equal(c.aud, "https://graph.microsoft.com");
      assert.ok(Array.isArray(c.roles) && c.roles.length > 0);
    });
  });
}

test("instance discovery answers with the host that was asked", async () => {
  const url = `${baseUrl.replace("127.0.0.1", "localhost")}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`https://localhost:${port}/${contoso.id}/oauth2/v2.0/authorize`)}`;
  const body = await (await fetch(url)).json();
  assert.equal(new URL(body.tenant_discovery_endpoint).host, `localhost:${port}`);
  assert.deepEqual(body.metadata[0].aliases, [`localhost:${port}`]);
});

test("@azure/identity ClientSecretCredential gets a Graph app token (v1)", async () => {
  const credential = new ClientSecretCredential(contoso.id, readerApp.clientId, readerApp.secrets[0], { authorityHost: baseUrl, disableInstanceDiscovery: true });
  const token = await credential.getToken("https://graph.microsoft.com/.default");
  const c = claims(token.token);
  assert.equal(c.ver, "1.0");
  assert.equal(c.appid, readerApp.clientId);
  assert.equal(c.azp, undefined);
});
