// What was scanned: our own ticket or appointment code, a chip ID card's QR, a dossier receipt
// code, or something else. Pure, total functions: they never throw, whatever comes in.

export interface CccdData {
  /** The 12-digit number: used only to make a keyed hash, never stored or shown. */
  idNumber: string;
  birthDate: { year: number; month: number; day: number };
  /** The card's date of issue, when the QR carries a readable one. */
  issueDate: { year: number; month: number; day: number } | null;
}

type Day = { year: number; month: number; day: number };
const dayNumber = (d: Day) => d.year * 10_000 + d.month * 100 + d.day;

/** Dates no real card has: born or issued after today, or issued before its holder was born. */
export function cccdDateProblem(d: CccdData, today: Day): 'birth_in_future' | 'issued_in_future' | 'issued_before_birth' | null {
  if (dayNumber(d.birthDate) > dayNumber(today)) return 'birth_in_future';
  if (d.issueDate && dayNumber(d.issueDate) > dayNumber(today)) return 'issued_in_future';
  if (d.issueDate && dayNumber(d.issueDate) < dayNumber(d.birthDate)) return 'issued_before_birth';
  return null;
}

export type ScanKind =
  | { kind: 'ticket'; code: string }
  | { kind: 'appointment'; code: string }
  | { kind: 'cccd'; data: CccdData }
  | { kind: 'dossier'; code: string; route: number }
  | { kind: 'unknown' };

function date(ddmmyyyy: string | undefined): { year: number; month: number; day: number } | null {
  if (!ddmmyyyy || !/^\d{8}$/.test(ddmmyyyy)) return null;
  const day = Number(ddmmyyyy.slice(0, 2));
  const month = Number(ddmmyyyy.slice(2, 4));
  const year = Number(ddmmyyyy.slice(4));
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1880) return null;
  return { year, month, day };
}

/**
 * The 12-digit number: 3 digits of province (001–096), 1 of century and sex, 2 of the birth
 * year, 6 random. Checked against the birth date, which catches most misreads.
 */
export function validIdNumber(id: string, birthYear: number | null): boolean {
  if (!/^\d{12}$/.test(id)) return false;
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return false;
  if (birthYear === null) return true;
  const centuryCode = Number(id[3]);
  // id[3] is a digit (the pattern above): an index of the ten centuries
  const century = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800][centuryCode]!;
  return century + Number(id.slice(4, 6)) === birthYear;
}

/**
 * A CCCD front QR: id12|oldId9|name|dob|gender|address|issue date. Missing, extra and garbled
 * fields are tolerated; a keyboard-wedge scan that lost the Vietnamese letters (and even the
 * separators) still yields the digits. Name, address and gender are never returned.
 */
export function parseCccd(text: string): CccdData | null {
  const fields = text.split('|');
  const [idField, , , dobField, , , issueField] = fields;
  if (fields.length >= 4 && idField !== undefined) {
    const id = idField.trim();
    const dob = date(dobField?.trim());
    if (dob && validIdNumber(id, dob.year)) return { idNumber: id, birthDate: dob, issueDate: date(issueField?.trim()) };
  }
  // No usable separators: the first 12-digit run that agrees with a later 8-digit date.
  const runs = [...text.matchAll(/\d+/g)].map((m) => m[0]);
  const idIndex = runs.findIndex((r) => r.length === 12);
  const id = runs[idIndex];
  if (id === undefined) return null;
  for (const r of runs.slice(idIndex + 1)) {
    const dob = date(r.length === 8 ? r : undefined);
    if (dob && validIdNumber(id, dob.year)) return { idNumber: id, birthDate: dob, issueDate: null };
  }
  return null;
}

/**
 * Where a dossier code goes, said without regular expressions (a manager writes these, and a
 * pattern like `^(a+)+$` froze the hub for seconds on one scan): `unit`, a national dossier code
 * whose receiving unit starts with `value` ('' = every national dossier code); `prefix`, any
 * scanned text that starts with `value` (a local receipt format). Letters compare case-blind.
 */
export interface DossierRoute {
  match: 'unit' | 'prefix';
  value: string;
}

/** `<unit code>-<yymmdd>-<4-digit sequence>`, e.g. `000.00.12.H34-231123-0001`. */
const NATIONAL_CODE = /^([0-9A-Z]{1,12}(?:\.[0-9A-Z]{1,12}){0,8})-(\d{6})-(\d{4})$/;

/** The national dossier code in a scan: the whole text, or a value in a receipt URL's query. */
export function nationalDossierCode(text: string): { code: string; unit: string } | null {
  const upper = text.toUpperCase();
  const whole = NATIONAL_CODE.exec(upper);
  if (whole) return { code: upper, unit: whole[1]! }; // the pattern's first group is not optional
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  for (const value of url.searchParams.values()) {
    const v = value.trim().toUpperCase();
    const m = NATIONAL_CODE.exec(v);
    if (m) return { code: v, unit: m[1]! }; // the pattern's first group is not optional
  }
  return null;
}

/** The first route a scan matches, or -1. Linear in the text's length, whatever the routes say. */
export function matchDossierRoute(text: string, routes: readonly DossierRoute[]): { route: number; code: string } | null {
  const national = nationalDossierCode(text);
  const upper = text.toUpperCase();
  for (const [i, r] of routes.entries()) {
    const value = r.value.toUpperCase();
    if (r.match === 'unit' && national && national.unit.startsWith(value)) return { route: i, code: national.code };
    if (r.match === 'prefix' && value.length > 0 && upper.startsWith(value)) return { route: i, code: text };
  }
  return null;
}

export function classifyScan(raw: string, dossierRoutes: readonly DossierRoute[]): ScanKind {
  const text = raw.replace(/[\r\n]+$/, '').trim();
  if (text.length === 0 || text.length > 2048) return { kind: 'unknown' };
  if (/^MC[12]\./i.test(text)) return { kind: 'ticket', code: text };
  // Appointments: `MH1.`/`MHN1.` (case-blind), and `MA1.`/`MA2.` as printed before #23, which VNI
  // types as `MÁ.`/`MÀ.` (the digit becomes the mark): undone where the signature can be checked.
  if (/^MHN?1\./i.test(text) || /^MA[12]\./.test(text) || /^M[AÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶ][12]?\./iu.test(text.normalize('NFC')))
    return { kind: 'appointment', code: text };
  const cccd = parseCccd(text);
  if (cccd) return { kind: 'cccd', data: cccd };
  const found = matchDossierRoute(text, dossierRoutes);
  if (found) return { kind: 'dossier', code: found.code, route: found.route };
  return { kind: 'unknown' };
}

/** Whole years between a birth date and a calendar day. */
export function ageOn(birth: { year: number; month: number; day: number }, on: { year: number; month: number; day: number }): number {
  const before = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (before ? 1 : 0);
}
