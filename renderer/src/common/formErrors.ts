// Form errors next to the input that caused them, in the screen's language: the contract's own
// schema checks the form before it is sent, and the hub's VALIDATION details land on inputs too.
import { ApiError } from '../api.ts';
import type { Lang } from '../api.ts';

/** What zod reports (zod 4's issue shape, the parts a message needs). */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
}

/** Input name → message. */
export type FormErrors = Readonly<Record<string, string>>;

/** Schema messages the contract writes itself, in both languages. */
const known: Record<string, [string, string]> = {
  'A–Z, 0–9, _ or -': ['Chỉ dùng chữ A–Z, số 0–9, _ hoặc -.', 'Use A–Z, 0–9, _ or - only.'],
  'rangeEnd < rangeStart': ['Số kết thúc phải từ số bắt đầu trở lên.', 'The last number must not be below the first.'],
};

export function issueText(i: Issue, lang: Lang): string {
  const vi = lang === 'vi';
  const text = known[i.message];
  if (text) return vi ? text[0] : text[1];
  const min = Number(i.minimum);
  const max = Number(i.maximum);
  switch (i.code) {
    case 'invalid_type':
      if (i.expected === 'int') return vi ? 'Nhập một số nguyên.' : 'Enter a whole number.';
      if (i.expected === 'number') return vi ? 'Nhập một số.' : 'Enter a number.';
      return vi ? 'Chưa nhập.' : 'Missing.';
    case 'too_small':
      if (i.origin === 'string')
        return min <= 1 ? (vi ? 'Không được để trống.' : 'Required.') : vi ? `Ít nhất ${min} ký tự.` : `At least ${min} characters.`;
      return vi ? `Nhỏ nhất là ${min}.` : `At least ${min}.`;
    case 'too_big':
      if (i.origin === 'string') return vi ? `Tối đa ${max} ký tự.` : `At most ${max} characters.`;
      return vi ? `Lớn nhất là ${max}.` : `At most ${max}.`;
    default:
      return vi ? 'Giá trị không hợp lệ.' : 'Not a valid value.';
  }
}

/** The first problem of each input, by its top-level name. */
export function formErrors(issues: readonly Issue[], lang: Lang): FormErrors {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const name = String(i.path[0] ?? '');
    if (name && !(name in out)) out[name] = issueText(i, lang);
  }
  return out;
}

/** The hub's VALIDATION details as form errors (its messages are the schema's own, like the form's). */
export function hubFormErrors(err: unknown, lang: Lang): FormErrors | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION' || !Array.isArray(err.details)) return null;
  const issues = (err.details as { path?: unknown[]; message?: string }[]).map((d) => ({
    code: 'custom',
    path: (d.path ?? []) as PropertyKey[],
    message: d.message ?? '',
  }));
  const errors = formErrors(issues, lang);
  return Object.keys(errors).length ? errors : null;
}
