import { Hono } from 'hono';
import { readTextUpTo, SANDBOX_BODY_LIMIT_BYTES } from '../http/bounded-body.js';
import { basicCredentials, merchantOfClient } from '../merchants.js';
import type { SandboxState } from '../sandbox-state.js';

/** An OAuth2 error answer (RFC 6749, section 5.2), never cached. */
function oauthError(status: 400 | 401, error: string, description: string, basic = false): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (basic) headers['WWW-Authenticate'] = 'Basic realm="SmartPay sandbox"';
  return Response.json({ error, error_description: description }, { status, headers });
}

/**
 * SmartPay's OAuth2 token endpoint (client-credentials grant), as its Authentication page shows it:
 * `POST /oauth2/token` with a form body `grant_type=client_credentials&client_id=…&client_secret=…`
 * (or the client in HTTP Basic, RFC 6749 2.3.1) gives `{access_token, expires_in, token_type}`.
 */
export function oauthRoutes(state: SandboxState): Hono {
  const app = new Hono();
  app.post('/oauth2/token', async (c) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const text = await readTextUpTo(c.req.raw, SANDBOX_BODY_LIMIT_BYTES);
    if (text === undefined) return oauthError(400, 'invalid_request', 'the body is too large');
    const form = new URLSearchParams(text);
    const basic = basicCredentials(c.req.header('authorization'));
    const clientId = basic?.[0] ?? form.get('client_id');
    const clientSecret = basic?.[1] ?? form.get('client_secret');
    if (!clientId || !clientSecret) {
      return oauthError(401, 'invalid_client', 'client_id and client_secret are required', !!basic);
    }
    const merchant = merchantOfClient(clientId, clientSecret);
    if (!merchant) return oauthError(401, 'invalid_client', 'unknown client or wrong secret', !!basic);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    const { accessToken, expiresIn } = state.accessTokens.issue(merchant);
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }, 200);
  });
  return app;
}
