// A worker the kiosk's entry starts (#24). A page's first date format loads ICU's locale and time
// zone data, 15–40 ms in a fresh renderer process; that data is shared by the whole process, so a
// worker can pay it on another core while the main thread evaluates React, and the header's first
// render then formats its date and clock in well under a millisecond. The options are the kiosk
// header's (common/ui.tsx formatDate and formatClock), in its first language.
const timeZone = 'Asia/Ho_Chi_Minh';
new Intl.DateTimeFormat('vi-VN', { timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(0);
new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(0);
close();
