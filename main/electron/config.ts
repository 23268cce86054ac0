// What this Electron app does on this machine: pure parsing, testable without Electron.
import { z } from 'zod';
import { AppRole } from '../contract/index.ts';
import { messageOf } from '../base/errors.ts';

export interface ShellConfig {
  role: AppRole;
  /** The hub a device role connects to; the all-in-one role embeds its own. */
  hubUrl: string | null;
  port: number;
  dataDir: string | null;
  /** scrypt hash of the PIN that lets staff leave the locked kiosk window. */
  adminPinHash: string | null;
  /** The kiosk's device token, obtained once with --pair CODE and kept in motcua.json. */
  deviceToken: string | null;
  /** A one-time pairing code given on the command line. */
  pairCode: string | null;
  /** The kiosk's scanner: a HID device by vendor/product id, or a serial port. */
  scanner: ScannerConfig | null;
  /** Start with the operating system's session (nobody is at a kiosk at 7:30). */
  startAtLogin: boolean;
}

const HubUrl = z.string().regex(/^https?:\/\/[^/\s]+\/?$/, 'like http://192.168.1.10:8686');

/** motcua.json, as a technician writes it: every key optional, nothing else allowed. */
export const ShellConfigFile = z.strictObject({
  role: AppRole.optional(),
  hubUrl: HubUrl.nullable().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  dataDir: z.string().min(1).nullable().optional(),
  adminPinHash: z
    .string()
    .regex(/^scrypt\$/, 'made by npm run kiosk:pin-hash')
    .nullable()
    .optional(),
  deviceToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,200}$/)
    .nullable()
    .optional(),
  scanner: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('hid'),
        vendorId: z.number().int().min(0).max(0xffff),
        productId: z.number().int().min(0).max(0xffff),
        mode: z.enum(['keyboard', 'pos']),
        layout: z.enum(['us', 'de', 'fr']),
      }),
      z.strictObject({ kind: z.literal('serial'), path: z.string().min(1).max(255), baudRate: z.number().int().min(1200).max(921600) }),
    ])
    .nullable()
    .optional(),
  startAtLogin: z.boolean().optional(),
});
export type ShellConfigFile = z.infer<typeof ShellConfigFile>;

/** A motcua.json's text checked: its settings, or what is wrong, said for a technician in both languages. */
export function parseShellConfigFile(text: string | null): { ok: true; file: ShellConfigFile | null } | { ok: false; message: string } {
  if (text === null) return { ok: true, file: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Tệp motcua.json không phải JSON hợp lệ / motcua.json is not valid JSON: ${messageOf(err)}` };
  }
  const parsed = ShellConfigFile.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(tệp / file)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message: `Tệp motcua.json có cài đặt không hợp lệ / motcua.json has invalid settings: ${problems}` };
}

export type ScannerConfig =
  | { kind: 'hid'; vendorId: number; productId: number; mode: 'keyboard' | 'pos'; layout: 'us' | 'de' | 'fr' }
  | { kind: 'serial'; path: string; baudRate: number };

export const defaultShellConfig: ShellConfig = {
  role: 'all',
  hubUrl: null,
  port: 8686,
  dataDir: null,
  adminPinHash: null,
  deviceToken: null,
  pairCode: null,
  scanner: null,
  startAtLogin: false,
};

/** Command line wins over the config file, which wins over the defaults. */
export function resolveShellConfig(argv: readonly string[], file: ShellConfigFile | Partial<ShellConfig> | null): ShellConfig {
  const arg = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    const a = argv[i];
    if (a === undefined) return undefined;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const merged: ShellConfig = {
    ...defaultShellConfig,
    ...Object.fromEntries(Object.entries(file ?? {}).filter(([, v]) => v !== undefined)),
  };
  const roleText = arg('role') ?? merged.role;
  const role = AppRole.safeParse(roleText);
  if (!role.success) throw new Error(`--role must be one of ${AppRole.options.join(', ')} (got "${roleText}")`);
  const hubUrl = arg('hub') ?? merged.hubUrl;
  if (hubUrl !== null && !/^https?:\/\/[^/\s]+\/?$/.test(hubUrl))
    throw new Error(`--hub must be like http://192.168.1.10:8686 (got "${hubUrl}")`);
  if (role.data !== 'all' && role.data !== 'hub' && hubUrl === null)
    throw new Error(`role "${role.data}" needs --hub URL of the center's hub`);
  const port = Number(arg('port') ?? merged.port);
  // 0: any free port (tests, a second copy on one PC).
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const pairCode = arg('pair') ?? null;
  if (pairCode !== null && !/^[A-Za-z0-9]{4,16}$/.test(pairCode)) throw new Error('--pair takes the pairing code a manager created');
  return {
    role: role.data,
    hubUrl: hubUrl?.replace(/\/$/, '') ?? null,
    port,
    dataDir: arg('data') ?? merged.dataDir,
    adminPinHash: merged.adminPinHash,
    deviceToken: merged.deviceToken,
    pairCode,
    scanner: merged.scanner,
    startAtLogin: merged.startAtLogin,
  };
}

/** The page a role opens. */
export function startPath(role: AppRole, counterNumber = 1): string {
  switch (role) {
    case 'all':
    case 'hub':
    case 'kiosk':
      return '/kiosk';
    case 'counter':
      return '/counter';
    case 'manager':
      return '/manager';
    case 'display':
      return '/display/hall';
    case 'rating':
      return `/rating/${counterNumber}`;
  }
}
