/** Entry point: mounts the app. */
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';

// The last input's kind on <html data-input>: focus rings show only once a key has been pressed,
// and the card heading's only after keyboard input (app.css). Chromium treats focus moved by script
// on a fresh page as keyboard focus, so a card or the stage opened from a shared link would
// otherwise open with a ring round its title or first button.
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
