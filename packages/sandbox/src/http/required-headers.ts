import { type FieldIssue, issueAt } from '@smartpay/contract/core';

/** True when `value` is exactly an http(s) origin: scheme, host and optional port, nothing more. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * The problems with the headers the API page requires on both endpoints (Authorization is
 * checked apart, because it answers 401). Header names are the paths of the issues.
 */
export function requiredHeaderIssues(headers: Headers): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const contentType = headers.get('content-type');
  if (contentType === null) issues.push(issueAt('Content-Type', { code: 'required' }));
  else if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    issues.push(issueAt('Content-Type', { code: 'invalid_value', rule: 'must be application/json' }));
  }
  const language = headers.get('accept-language');
  if (language === null) issues.push(issueAt('Accept-Language', { code: 'required' }));
  else if (language.trim().toLowerCase() !== 'en-us') {
    issues.push(issueAt('Accept-Language', { code: 'invalid_value', rule: 'must be en-US' }));
  }
  const origin = headers.get('origin');
  if (origin === null || origin.trim() === '') issues.push(issueAt('Origin', { code: 'required' }));
  else if (!isOrigin(origin)) {
    const rule = 'must be an origin: a scheme, a host and an optional port, such as https://shop.example';
    issues.push(issueAt('Origin', { code: 'invalid_format', rule }));
  }
  const userAgent = headers.get('user-agent');
  if (userAgent === null || userAgent.trim() === '') issues.push(issueAt('User-Agent', { code: 'required' }));
  return issues;
}
