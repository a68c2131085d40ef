/**
 * The stop list of the pitch on stage: reorder (up/down), remove, jump to a stop, and add what is
 * selected on the map (a record or a district) as the next stop. Edits go through the store's
 * `editStops`, so the link always holds the pitch as edited.
 */
import { moveStop, type StopRef, sameStop, stopToken } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import { useApp, useAppStore } from '../../state/context';
import { stopView } from '../../state/pitch';
import type { Selection } from '../../state/store';
import { Card } from '../Card';
import type { Lang } from '../i18n';
import { stopLabel } from './caption';
import { presenterWord as w } from './words';

/** The stop a selection would make: a record, or the first selected district; `null` for none. */
function stopOfSelection(sel: Selection): StopRef | null {
  if (sel?.type === 'record') return { type: 'record', id: sel.id };
  if (sel?.type === 'districts' && sel.ids.length > 0) return { type: 'district', id: sel.ids[0] };
  return null;
}

/** The stop list as a card over the map's right side. */
export function StopEditor({ data, lang, onClose }: { data: AppData; lang: Lang; onClose: () => void }) {
  const store = useAppStore();
  const pitch = useApp((s) => s.pitch);
  const selection = useApp((s) => s.selection);
  if (!pitch) return null;
  const { stops, index } = pitch;
  const edit = (next: StopRef[], at: number) => store.getState().editStops(next, at);
  const candidate = stopOfSelection(selection);
  const canAdd = candidate !== null && !stops.some((s) => sameStop(s, candidate));
  const show = (i: number) => {
    const s = store.getState();
    s.showStop(i, stopView(data, stops[i], s.filter.directions));
  };
  return (
    <Card
      lang={lang}
      title={w(lang, 'stops')}
      onClose={onClose}
      className="stop-editor"
      data={{ 'data-testid': 'stop-editor' }}
    >
      <ol className="stop-list">
        {stops.map((s, i) => (
          <li key={stopToken(s)} data-stop={i} className={i === index ? 'current' : ''}>
            <button type="button" className="stop-name" onClick={() => show(i)}>
              {i + 1}. {stopLabel(data, s, lang)}
            </button>
            <span className="stop-actions">
              <button
                type="button"
                aria-label={`${w(lang, 'moveUp')}: ${stopLabel(data, s, lang)}`}
                disabled={i === 0}
                onClick={() => edit(moveStop(stops, i, i - 1), index === i ? i - 1 : index === i - 1 ? i : index)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`${w(lang, 'moveDown')}: ${stopLabel(data, s, lang)}`}
                disabled={i === stops.length - 1}
                onClick={() => edit(moveStop(stops, i, i + 1), index === i ? i + 1 : index === i + 1 ? i : index)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`${w(lang, 'remove')}: ${stopLabel(data, s, lang)}`}
                data-testid="stop-remove"
                onClick={() =>
                  edit(
                    stops.filter((_, j) => j !== i),
                    i < index ? index - 1 : index,
                  )
                }
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="stop-add"
        data-testid="stop-add"
        disabled={!canAdd}
        onClick={() => {
          if (!candidate) return;
          const next = [...stops.slice(0, index + 1), candidate, ...stops.slice(index + 1)];
          edit(next, index);
        }}
      >
        + {w(lang, 'addSelection')}
        {candidate ? `: ${stopLabel(data, candidate, lang)}` : ''}
      </button>
    </Card>
  );
}
