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
  'code taken': ['Mã này đã được dùng cho lĩnh vực khác.', 'Another field has this code.'],
  'name taken': ['Tên này đã được dùng. Hãy đặt tên khác để không nhầm lẫn.', 'This name is already used: choose another.'],
  'number taken': ['Số quầy này đã có.', 'Another counter has this number.'],
  'username taken': ['Tên đăng nhập này đã có người dùng.', 'This username is taken.'],
  'a counter in use serves at least one field': [
    'Quầy đang hoạt động phải phục vụ ít nhất một lĩnh vực.',
    'A counter in use must serve at least one field.',
  ],
  'a field is listed twice': ['Một lĩnh vực được chọn hai lần.', 'A field is listed twice.'],
  'unknown IANA time zone': ['Múi giờ không đúng. Việt Nam dùng Asia/Ho_Chi_Minh.', 'Unknown time zone. Vietnam uses Asia/Ho_Chi_Minh.'],
  'HH:MM': ['Giờ viết dạng HH:MM, từ 00:00 đến 24:00 (vd. 07:30-11:30).', 'Times are HH:MM, 00:00 to 24:00 (e.g. 07:30-11:30).'],
  'a session must open before it closes': ['Giờ mở phải trước giờ đóng.', 'A session must open before it closes.'],
  'the template needs {so}': ['Câu gọi phải có {so} (chỗ đọc số thứ tự).', 'The sentence needs {so} (where the number is said).'],
  'http://ADDRESS[:PORT]': ['Địa chỉ dạng http://192.168.1.10:8686.', 'An address like http://192.168.1.10:8686.'],
  'letters, digits and - only': ['Chỉ dùng chữ, số và dấu -.', 'Letters, digits and - only.'],
  'a prefix cannot be empty': ['Nhập phần đầu của mã.', 'Enter how the code starts.'],
  'letters, digits and . - _ / : # only': ['Chỉ dùng chữ, số và . - _ / : #.', 'Letters, digits and . - _ / : # only.'],
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

/**
 * The first problem of each input, by its path (`scan.priorityAge`, `rating.levels.0.vi`) and by
 * each shorter path too, so a list shows its rows' problems at its head.
 */
export function formErrors(issues: readonly Issue[], lang: Lang): FormErrors {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const text = issueText(i, lang);
    for (let n = 1; n <= i.path.length; n++) {
      const name = i.path.slice(0, n).map(String).join('.');
      if (!(name in out)) out[name] = text;
    }
  }
  return out;
}

/** One of the hub's details (a zod issue, or a CONFLICT's `{ path, message }`) as JSON brought it: its path and message. */
function detailIssue(d: unknown): Issue {
  const o = d !== null && typeof d === 'object' ? d : {};
  return {
    code: 'custom',
    path: 'path' in o && Array.isArray(o.path) ? o.path.map(String) : [],
    message: 'message' in o && typeof o.message === 'string' ? o.message : '',
  };
}

/** The hub's VALIDATION details as form errors (its messages are the schema's own, like the form's). */
export function hubFormErrors(err: unknown, lang: Lang): FormErrors | null {
  if (!(err instanceof ApiError) || !['VALIDATION', 'CONFLICT'].includes(err.code) || !Array.isArray(err.details)) return null;
  const errors = formErrors(err.details.map(detailIssue), lang);
  return Object.keys(errors).length ? errors : null;
}
