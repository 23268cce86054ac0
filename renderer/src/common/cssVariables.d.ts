// The CSS variables the screens set from their data (styles.css reads them), typed so that a
// style object holding them needs no cast.
import 'react';

declare module 'react' {
  interface CSSProperties {
    /** Hall display: how many calls show at once. */
    '--cards'?: number;
    /** Ticket screens: the number's count of digits, so it fills its box. */
    '--digits'?: number;
    /** Kiosk: the grid of fields. */
    '--rows'?: number;
    '--cols'?: number;
  }
}
