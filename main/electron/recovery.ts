// How the app comes back by itself: waiting for a hub that is not up yet, relaunching after a
// crash (but not forever), and the page shown meanwhile. Pure, so it is tested without Electron.

export { backoffMs } from '../base/time.ts';

/** Crash-loop guard: relaunch after a crash unless it crashed this often lately. */
export const CRASH_LIMIT = 5;
export const CRASH_WINDOW_MS = 10 * 60_000;

export function crashDecision(previous: readonly number[], now: number): { crashes: number[]; relaunch: boolean } {
  const crashes = [...previous.filter((t) => Number.isFinite(t) && now - t < CRASH_WINDOW_MS), now];
  return { crashes, relaunch: crashes.length < CRASH_LIMIT };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a device shows while its hub does not answer; it says where it looks and when it tries again. */
export function connectingPage(hubUrl: string, attempt: number, nextInMs: number, why: string | null): string {
  const seconds = Math.round(nextInMs / 1000);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>motcua</title>
<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#f2f5f9;color:#14202e;font-family:"Be Vietnam Pro",system-ui,sans-serif}
main{max-width:46rem;text-align:center;padding:2rem}h1{font-size:2.4rem;color:#0b4f9c;margin:0 0 1rem}p{font-size:1.4rem;margin:.6rem 0}
.addr{font-family:monospace;font-size:1.3rem;background:#fff;border:1px solid #d5dde7;border-radius:8px;padding:.3rem .8rem;display:inline-block}.muted{color:#5a6b7d;font-size:1.1rem}</style>
</head><body><main>
<h1>Đang kết nối tới máy chủ…</h1>
<p>Máy chủ của trung tâm chưa trả lời tại</p><p class="addr">${escape(hubUrl)}</p>
<p>Thử lại sau ${seconds} giây (lần ${attempt + 1}). Màn hình sẽ tự mở khi máy chủ sẵn sàng.</p>
<p class="muted">Connecting to the hub at ${escape(hubUrl)} — retrying in ${seconds} s (attempt ${attempt + 1}).${why ? ` (${escape(why)})` : ''}</p>
<p class="muted">Nếu kéo dài, vui lòng liên hệ cán bộ kỹ thuật. / If this lasts, call the technician.</p>
</main></body></html>`;
}

/** The message window for a shell that cannot start (bad motcua.json, crash loop). */
export function fatalMessage(kind: 'config' | 'crash-loop', detail: string): { title: string; body: string } {
  if (kind === 'config') {
    return {
      title: 'motcua: cài đặt không hợp lệ / invalid settings',
      body: `${detail}\n\nHãy sửa tệp motcua.json (hoặc tham số dòng lệnh) rồi mở lại ứng dụng. / Fix motcua.json (or the command line) and start the app again.`,
    };
  }
  return {
    title: 'motcua: ứng dụng gặp lỗi liên tục / the app keeps crashing',
    body:
      `${detail}\n\nỨng dụng đã tự khởi động lại ${CRASH_LIMIT} lần trong ${CRASH_WINDOW_MS / 60_000} phút và dừng lại. Xem nhật ký trong thư mục logs. / ` +
      `The app restarted itself ${CRASH_LIMIT} times in ${CRASH_WINDOW_MS / 60_000} minutes and stopped. See the logs folder.`,
  };
}
