// The name a spoken phrase has in a voice pack's manifest: the hall, the kiosk and the recording
// screen must agree on it, or a recorded clip is never found. Pure.

/**
 * NFC (UniKey's "Unicode tổ hợp" types decomposed letters), lower case as Vietnamese reads it,
 * signs other than letters and digits read as a space, spaces collapsed: "Đất đai – Xây dựng"
 * and "đất đai xây dựng" are the same clip. The same rule as the call's literal phrases
 * (main/voice/announcement.ts), without its pauses: a key is said in one breath.
 */
export function clipKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}
