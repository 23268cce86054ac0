import { tr, useLang, LangToggle } from './common/ui.tsx';
import { commonText } from './common/commonText.ts';

const roles: [string, string, string, string][] = [
  ['/kiosk', 'Kiosk lấy số', 'Ticket kiosk', 'Màn hình cảm ứng cho công dân lấy số thứ tự.'],
  ['/counter', 'Quầy tiếp nhận', 'Counter console', 'Cán bộ một cửa gọi số, phục vụ, chuyển quầy.'],
  ['/manager', 'Quản lý', 'Manager console', 'Theo dõi trực tiếp, cấu hình lĩnh vực, quầy, cán bộ, thiết bị.'],
  ['/display/hall', 'Màn hình sảnh', 'Hall display', 'Số đang gọi, lượt gọi gần đây, đọc số bằng giọng nói.'],
  ['/display/counter/1', 'Màn hình quầy', 'Counter display', 'Số đang phục vụ tại một quầy.'],
];

export function Home() {
  const [lang, setLang] = useLang('home');
  return (
    <div className="home">
      <header className="console-head">
        <h1>motcua</h1>
        <LangToggle lang={lang} setLang={setLang} />
      </header>
      <p>{commonText.queueSystemForOneStop[lang]}</p>
      <div className="role-list">
        {roles.map(([href, vi, en, note]) => (
          <a key={href} className="card role" href={href}>
            <strong>{tr(lang, vi, en)}</strong>
            <span className="muted">{note}</span>
          </a>
        ))}
      </div>
    </div>
  );
}
