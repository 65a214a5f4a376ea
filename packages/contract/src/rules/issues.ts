/** Why a value was refused. A closed set, so the widget can say each one in the shopper's language. */
export type IssueCode =
  | 'required'
  | 'invalid_type'
  | 'too_long'
  | 'wrong_length'
  | 'invalid_characters'
  | 'invalid_value'
  | 'invalid_format'
  | 'too_early'
  | 'in_future'
  | 'not_allowed'
  | 'conflict'
  | 'card_number';

/** One problem with one field. `message` is a plain-English sentence that starts with `path`. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `billingAddress.state`; empty for the body itself. */
  readonly path: string;
  readonly code: IssueCode;
  readonly message: string;
  /** The limit that was broken, when there is one (`maximum`, `length`, `format`, `values`, `minimum`). */
  readonly params?: Readonly<Record<string, string | number | readonly string[]>>;
}

/** A field problem before it is placed at a path: what the leaf check and cross-field rules produce. */
export interface LeafIssue {
  readonly code: IssueCode;
  readonly params?: FieldIssue['params'];
  /** The rule in words when the default sentence for `code` would not say it. */
  readonly rule?: string;
}

/** The default rule sentence for a code, without the path. */
export function ruleText(issue: LeafIssue): string {
  if (issue.rule) return issue.rule;
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'required':
      return 'is required';
    case 'invalid_type':
      return `must be ${p.expected === 'object' ? 'an object' : `a ${p.expected ?? 'string'}`}`;
    case 'too_long':
      return `must be at most ${p.maximum} characters`;
    case 'wrong_length':
      return `must be exactly ${p.length} characters`;
    case 'invalid_characters':
      return 'must not contain control characters';
    case 'invalid_value':
      return `must be one of: ${(p.values as readonly string[] | undefined)?.join(', ')}`;
    case 'invalid_format':
      return `must be ${FORMAT_WORDS[String(p.format)] ?? 'well formed'}`;
    case 'too_early':
      return `must not be earlier than ${p.minimum}`;
    case 'in_future':
      return 'must not be in the future';
    case 'not_allowed':
      return 'is not allowed';
    case 'conflict':
      return 'conflicts with another field';
    case 'card_number':
      return 'must be a card token, not a card number';
  }
}

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  uuid: 'a UUID',
  date: 'a real date in the form YYYY-MM-DD',
  phone: 'a phone number (digits, spaces, + - . / and brackets)',
  country: 'an ISO 3166-1 alpha-3 country code such as DEU',
  currency: 'a 3-letter ISO 4217 currency code such as EUR',
  month: 'a 2-digit month from 01 to 12',
  year: 'a 2- or 4-digit year',
  culture: 'a language and country joined by a dash, such as en-DE',
};

/** Places a leaf issue at a path, giving it its sentence. */
export function issueAt(path: string, issue: LeafIssue): FieldIssue {
  const sentence = `${path || 'body'} ${ruleText(issue)}`;
  return issue.params
    ? { path, code: issue.code, message: sentence, params: issue.params }
    : { path, code: issue.code, message: sentence };
}
