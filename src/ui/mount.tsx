/** The UI's entry (a chunk of its own, loaded by src/main.ts while the map starts): renders the page into `root`. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type Booted } from './App';

/** Renders the app into `root` for what src/main.ts is booting (data, store, live map). */
export function mount(root: HTMLElement, boot: Promise<Booted>): void {
  createRoot(root).render(
    <StrictMode>
      <App boot={boot} />
    </StrictMode>,
  );
}
