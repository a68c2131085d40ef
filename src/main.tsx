/** Entry point: mounts the app. */
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';

// The last input's kind on <html data-input>: the card heading shows where the focus is only to
// keyboard users (app.css). Chromium treats focus moved by script on a fresh page as keyboard focus,
// so a card opened from a shared link would otherwise open with a ring round its title.
for (const [event, kind] of [
  ['keydown', 'keyboard'],
  ['pointerdown', 'pointer'],
] as const) {
  document.addEventListener(event, () => document.documentElement.setAttribute('data-input', kind), true);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
