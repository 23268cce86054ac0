// What this Electron app does on this machine: pure parsing, testable without Electron.
import { AppRole } from '../contract/index.ts';

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
}

export type ScannerConfig =
  | { kind: 'hid'; vendorId: number; productId: number; mode: 'keyboard' | 'pos'; layout: 'us' | 'de' | 'fr' }
  | { kind: 'serial'; path: string; baudRate: number };

export const defaultShellConfig: ShellConfig = { role: 'all', hubUrl: null, port: 8686, dataDir: null, adminPinHash: null, deviceToken: null, pairCode: null, scanner: null };

/** Command line wins over the config file, which wins over the defaults. */
export function resolveShellConfig(argv: readonly string[], file: Partial<ShellConfig> | null): ShellConfig {
  const arg = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const merged = { ...defaultShellConfig, ...(file ?? {}) };
  const roleText = arg('role') ?? merged.role;
  const role = AppRole.safeParse(roleText);
  if (!role.success) throw new Error(`--role must be one of ${AppRole.options.join(', ')} (got "${roleText}")`);
  const hubUrl = arg('hub') ?? merged.hubUrl;
  if (hubUrl !== null && !/^https?:\/\/[^/\s]+\/?$/.test(hubUrl)) throw new Error(`--hub must be like http://192.168.1.10:8686 (got "${hubUrl}")`);
  if (role.data !== 'all' && hubUrl === null) throw new Error(`role "${role.data}" needs --hub URL of the center's hub`);
  const port = Number(arg('port') ?? merged.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port must be a port number');
  const pairCode = arg('pair') ?? null;
  if (pairCode !== null && !/^[A-Za-z0-9]{4,16}$/.test(pairCode)) throw new Error('--pair takes the pairing code a manager created');
  return {
    role: role.data, hubUrl: hubUrl?.replace(/\/$/, '') ?? null, port, dataDir: arg('data') ?? merged.dataDir,
    adminPinHash: merged.adminPinHash, deviceToken: merged.deviceToken, pairCode, scanner: merged.scanner,
  };
}

/** The page a role opens. */
export function startPath(role: AppRole, counterNumber = 1): string {
  switch (role) {
    case 'all':
    case 'kiosk': return '/kiosk';
    case 'counter': return '/counter';
    case 'manager': return '/manager';
    case 'display': return '/display/hall';
    case 'rating': return `/rating/${counterNumber}`;
  }
}
