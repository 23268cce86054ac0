import { useLang, LangToggle } from './common/ui.tsx';
import { commonText } from './common/commonText.ts';

const roles = [
  ['/kiosk', commonText.roleKiosk, commonText.roleKioskNote],
  ['/counter', commonText.roleCounter, commonText.roleCounterNote],
  ['/manager', commonText.roleManager, commonText.roleManagerNote],
  ['/display/hall', commonText.roleHall, commonText.roleHallNote],
  ['/display/counter/1', commonText.roleCounterDisplay, commonText.roleCounterDisplayNote],
] as const;

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
        {roles.map(([href, name, note]) => (
          <a key={href} className="card role" href={href}>
            <strong>{name[lang]}</strong>
            <span className="muted">{note[lang]}</span>
          </a>
        ))}
      </div>
    </div>
  );
}
