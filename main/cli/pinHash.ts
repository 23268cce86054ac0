// `npm run kiosk:pin-hash -- 246810`: the value for "adminPinHash" in a kiosk's motcua.json.
import { hashPassword } from '../base/passwords.ts';

const pin = process.argv[2] ?? '';
if (!/^\d{4,12}$/.test(pin)) {
  console.error('usage: npm run kiosk:pin-hash -- PIN   (4 to 12 digits)');
  process.exit(2);
}
console.log(await hashPassword(pin));
