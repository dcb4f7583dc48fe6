// Microsoft's @azure/communication-identity against the emulator's ACS data plane, signed with HMAC (connection
// string) and with an Entra bearer token (@azure/identity). Whatever the SDK rejects or cannot parse is an emulator bug.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { isRestError } from "@azure/core-rest-pipeline";
import { ClientSecretCredential } from "@azure/identity";
import { PublicClientApplication } from "@azure/msal-node";
import { acsResource, admin, baseUrl, claims, contoso, control, publicApp, readerApp } from "./emulator.js";

const acs = acsResource("contoso-acs");
const hmac = new CommunicationIdentityClient(acs.connectionString);
const minutes = (date) => (date.getTime() - Date.now()) / 60000;

async function validate(token) {
  return control("POST", "acs/validateToken", { token });
}

async function rejects(promise, status, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(isRestError(error), `expected the SDK's RestError, got ${error?.name}: ${error?.message}`);
    assert.equal(error.statusCode, status);
    if (code) {
      assert.equal(error.code, code);
    }
    return true;
  });
}

describe("HMAC (connection string)", () => {
  test("the endpoint has no path, as the SDK requires", () => {
    assert.equal(new URL(acs.endpoint).pathname, "/");
  });

  test("createUser returns an 8:acs: id of the resource", async () => {
    const user = await hmac.createUser();
    assert.match(user.communicationUserId, new RegExp(`^8:acs:${acs.immutableResourceId}_`));
  });

  test("getToken issues a token with the scopes and the expiry asked for, and its claims decode", async () => {
    const user = await hmac.createUser();
    const token = await hmac.getToken(user, ["chat", "voip"], { tokenExpiresInMinutes: 60 });
    assert.ok(token.expiresOn instanceof Date);
    assert.ok(Math.abs(minutes(token.expiresOn) - 60) < 2, `expiresOn ${token.expiresOn.toISOString()}`);
    const c = claims(token.token);
    assert.equal(c.skypeid, user.communicationUserId.replace(/^8:/, ""));
    assert.equal(c.scp, 1792);
    assert.equal(c.resourceId, acs.immutableResourceId);
    assert.ok(Math.abs(c.exp * 1000 - token.expiresOn.getTime()) < 1000);
    assert.equal((await validate(token.token)).valid, true);
  });

  test("getToken without an expiry gives 24 hours", async () => {
    const user = await hmac.createUser();
    const token = await hmac.getToken(user, ["chat.join.limited"]);
    assert.ok(Math.abs(minutes(token.expiresOn) - 1440) < 2);
  });

  test("createUserAndToken returns both", async () => {
    const { user, token, expiresOn } = await hmac.createUserAndToken(["voip.join", "chat.join"], { tokenExpiresInMinutes: 120 });
    assert.match(user.communicationUserId, /^8:acs:/);
    assert.ok(Math.abs(minutes(expiresOn) - 120) < 2);
    assert.equal((await validate(token)).identity, user.communicationUserId);
  });

  test("revokeTokens invalidates the tokens issued so far", async () => {
    const { user, token } = await hmac.createUserAndToken(["chat"]);
    await hmac.revokeTokens(user);
    const result = await validate(token);
    assert.equal(result.valid, false);
    assert.equal(result.reason, "revoked");
  });

  test("deleteUser removes the identity: its tokens die and a new token is refused", async () => {
    const { user, token } = await hmac.createUserAndToken(["chat"]);
    await hmac.deleteUser(user);
    assert.equal((await validate(token)).reason, "deleted");
    await assert.rejects(hmac.getToken(user, ["chat"]), (error) => isRestError(error) && error.statusCode === 404);
  });

  for (const expiry of [59, 1441]) {
    test(`tokenExpiresInMinutes ${expiry} surfaces as RestError 400 ValidationError`, async () => {
      await rejects(hmac.createUserAndToken(["chat"], { tokenExpiresInMinutes: expiry }), 400, "ValidationError");
      const user = await hmac.createUser();
      await rejects(hmac.getToken(user, ["chat"], { tokenExpiresInMinutes: expiry }), 400, "ValidationError");
    });
  }

  for (const apiVersion of ["2021-03-07", "2021-11-01", "2022-06-01", "2022-10-01", "2023-08-01", "2023-10-01", "2025-06-30", "2026-09-23"]) {
    test(`api-version ${apiVersion} is served (GA, api-facts §1.2)`, async () => {
      const client = new CommunicationIdentityClient(acs.connectionString, { apiVersion });
      const { user } = await client.createUserAndToken(["chat"]);
      assert.match(user.communicationUserId, /^8:acs:/);
    });
  }

  test("an api-version the service does not list is a RestError 400", async () => {
    await rejects(new CommunicationIdentityClient(acs.connectionString, { apiVersion: "2026-07-22" }).createUser(), 400);
  });

  test("a wrong access key surfaces as RestError 401 Denied", async () => {
    const wrong = new CommunicationIdentityClient(`endpoint=${acs.endpoint};accesskey=${Buffer.from("not the key").toString("base64")}`);
    await rejects(wrong.createUser(), 401, "Denied");
  });

  test("a resource with disableLocalAuth refuses the access key (RestError 403)", async () => {
    const secure = acsResource("contoso-acs-secure");
    await rejects(new CommunicationIdentityClient(secure.connectionString).createUser(), 403);
  });
});

describe("Entra bearer (@azure/identity ClientSecretCredential against the emulator's Entra)", () => {
  const credential = new ClientSecretCredential(contoso.id, readerApp.clientId, readerApp.secrets[0], {
    authorityHost: baseUrl,
    disableInstanceDiscovery: true,
  });
  const bearer = new CommunicationIdentityClient(acs.endpoint, credential);

  test("create, token, revoke, delete", async () => {
    const user = await bearer.createUser();
    const token = await bearer.getToken(user, ["voip"], { tokenExpiresInMinutes: 90 });
    assert.ok(Math.abs(minutes(token.expiresOn) - 90) < 2);
    await bearer.revokeTokens(user);
    await bearer.deleteUser(user);
  });

  test("the ACS token the credential got is for https://communication.azure.com", async () => {
    const access = await credential.getToken("https://communication.azure.com//.default");
    const c = claims(access.token);
    assert.equal(c.tid, contoso.id);
    assert.match(c.aud, /communication\.azure\.com/);
  });

  test("out-of-range expiry is a RestError with bearer auth too", async () => {
    await rejects(bearer.createUserAndToken(["chat"], { tokenExpiresInMinutes: 30 }), 400, "ValidationError");
  });
});

describe("getTokenForTeamsUser (Teams token exchange)", () => {
  test("exchanges a Teams user's Entra token for an ACS token with the same expiry", async () => {
    await control("POST", "devicecodes/autoApprove", { userPrincipalName: admin.userPrincipalName });
    let entra;
    try {
      const pca = new PublicClientApplication({
        auth: { clientId: publicApp.clientId, authority: `${baseUrl}/${contoso.id}`, knownAuthorities: [new URL(baseUrl).host] },
      });
      entra = await pca.acquireTokenByDeviceCode({
        scopes: ["https://auth.msft.communication.azure.com/Teams.ManageCalls", "https://auth.msft.communication.azure.com/Teams.ManageChats"],
        deviceCodeCallback: () => {},
      });
    } finally {
      await control("POST", "devicecodes/autoApprove", { userPrincipalName: null });
    }
    const entraClaims = claims(entra.accessToken);
    const result = await hmac.getTokenForTeamsUser({
      teamsUserAadToken: entra.accessToken,
      clientId: publicApp.clientId,
      userObjectId: entraClaims.oid,
    });
    assert.equal(Math.round(result.expiresOn.getTime() / 1000), entraClaims.exp);
    assert.match(claims(result.token).skypeid, /^orgid:/);
  });

  test("a token that is not an Entra token surfaces as RestError 401 InvalidAccessToken", async () => {
    await rejects(hmac.getTokenForTeamsUser({ teamsUserAadToken: "nope", clientId: publicApp.clientId, userObjectId: admin.id }), 401, "InvalidAccessToken");
  });
});
