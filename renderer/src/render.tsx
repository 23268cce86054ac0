// React and the first render, loaded by the entry in parallel with the route's own code.
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

/** A route's screen and the props its address gives it. */
export interface Routed {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's own props, from its address
  Screen: ComponentType<any>;
  props: object;
}

export function render({ Screen, props }: Routed): void {
  // The entry is an async script (renderer/vite.config.ts): the page may in principle still be parsing.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => render({ Screen, props }), { once: true });
    return;
  }
  // renderer/index.html, the one page every route is served from, holds <div id="root">
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Screen {...props} />
    </StrictMode>,
  );
}
