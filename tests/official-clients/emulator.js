// Where the emulator is and what its fixtures hold. build.ps1 (Invoke-OfficialClientTest.ps1) starts the emulator and
// passes its ready file and fixture file; NODE_EXTRA_CA_CERTS makes Node trust the emulator's CA.
import { readFileSync } from "node:fs";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through build.ps1 -Task Test (or set it to the emulator's ready file / fixture file).`);
  }
  return value;
}

export const ready = JSON.parse(readFileSync(required("ACSTS_EMULATOR_READY"), "utf8"));
export const fixtures = JSON.parse(readFileSync(required("ACSTS_EMULATOR_FIXTURES"), "utf8"));
export const baseUrl = ready.baseUrl.replace(/\/$/, "");
export const port = new URL(baseUrl).port;

export const contoso = fixtures.tenants.find((t) => t.initialDomain === "contoso.onmicrosoft.com");
export const readerApp = contoso.applications.find((a) => a.displayName === "Contoso Security Reader");
export const publicApp = contoso.applications.find((a) => a.displayName === "Contoso Admin Console");
export const admin = contoso.users.find((u) => u.userPrincipalName === "admin@contoso.onmicrosoft.com");

export function acsResource(name) {
  const resource = contoso.acsResources.find((r) => r.name === name);
  const endpoint = ready.acsEndpoints?.[name];
  if (!resource || !endpoint) {
    throw new Error(`The emulator serves no ACS resource '${name}'.`);
  }
  return { ...resource, endpoint, connectionString: `endpoint=${endpoint};accesskey=${resource.accessKeys.primary}` };
}

export async function control(method, path, body) {
  const response = await fetch(`${baseUrl}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** The payload of a JWT (no signature check: the emulator's control API checks ACS tokens). */
export function claims(jwt) {
  const [, payload] = jwt.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}
