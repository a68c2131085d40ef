/**
 * A slide from a map image: the map, a title band, a column with the legend of what is shown and
 * the documents cited, a scale bar and (when the map is rotated) a north arrow over the map, and a
 * footer with the attribution and the date of export. Every size derives from one unit of the
 * slide's size, so an A4 300-dpi slide looks like the screen one, scaled. The layout (boxes, text
 * wrapping, scale bar, north arrow) is pure and unit-tested; `composeSlide` draws it on a canvas.
 */
import type { Swatch } from '../../map/catalogue';

/** A rectangle in device px. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Font stack of every slide text: system sans with CJK (fonts-noto-cjk on Debian). */
export const SLIDE_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", sans-serif';

/** Smallest slide unit in CSS px: body text (1.1 units) never falls below ~10 CSS px. */
const MIN_UNIT_CSS_PX = 9;

/** Font sizes (px) of the slide's texts. */
export interface SlideFonts {
  title: number;
  subtitle: number;
  heading: number;
  body: number;
  small: number;
}

/** Where everything goes on a slide of a given size (device px). */
export interface SlideLayout {
  width_px: number;
  height_px: number;
  /** The slide's unit (px): 1/100 of the width, or 1/62.5 of the height if less, at least 9 CSS px. */
  unit: number;
  /** Inner margin (px). */
  pad: number;
  /** The title band, or `null` when the slide has none (a handout page carries its own title). */
  header: Box | null;
  /** The map image (whole pixels). */
  map: Box;
  /** The column right of the map: legend, documents cited. */
  column: Box;
  /** The band under map and column: attribution, date. */
  footer: Box;
  fonts: SlideFonts;
  /** The north arrow's box, over the map's top-left corner. */
  north: Box;
  /** The scale bar's bottom-left corner over the map, and its longest length (px). */
  scaleBar: { x: number; y: number; maxLength_px: number };
}

/**
 * The layout of a slide (pure).
 * @param width_px, height_px the slide's size in device px.
 * @param pixelRatio device px per CSS px of the slide (1 for a screen slide at devicePixelRatio 1;
 *   ~3.7 for an A4 300-dpi slide of a 960-px-wide map): bounds the unit from below so that text stays
 *   legible on a small slide.
 * @param options `header: false` drops the title band.
 */
export function slideLayout(
  width_px: number,
  height_px: number,
  pixelRatio = 1,
  options: { header?: boolean } = {},
): SlideLayout {
  const unit = Math.max(Math.min(width_px / 100, height_px / 62.5), MIN_UNIT_CSS_PX * pixelRatio);
  const pad = Math.round(1.2 * unit);
  const fonts: SlideFonts = {
    title: 2.6 * unit,
    subtitle: 1.45 * unit,
    heading: 1.2 * unit,
    body: 1.1 * unit,
    small: 0.95 * unit,
  };
  const headerH = options.header === false ? 0 : Math.round(7.2 * unit);
  const footerH = Math.round(3.4 * unit);
  // A narrow slide keeps most of its width for the map: the column's text shrinks to fit instead.
  const columnW = Math.min(Math.round(26 * unit), Math.round(width_px * 0.3));
  const bodyH = Math.max(1, height_px - headerH - footerH);
  const mapW = Math.max(1, width_px - columnW);
  const map: Box = { x: 0, y: headerH, w: mapW, h: bodyH };
  const northSize = Math.round(3.2 * unit);
  return {
    width_px,
    height_px,
    unit,
    pad,
    header: headerH > 0 ? { x: 0, y: 0, w: width_px, h: headerH } : null,
    map,
    column: { x: mapW, y: headerH, w: width_px - mapW, h: bodyH },
    footer: { x: 0, y: headerH + bodyH, w: width_px, h: footerH },
    fonts,
    north: { x: map.x + pad, y: map.y + pad, w: northSize, h: northSize },
    scaleBar: { x: map.x + pad, y: map.y + map.h - pad, maxLength_px: Math.round(14 * unit) },
  };
}

/** A scale bar: its ground length, its length on the image, and its label. */
export interface ScaleBar {
  metres: number;
  length_px: number;
  label: string;
}

/**
 * The longest round length (1, 2 or 5 × 10^k m: …, 500 m, 1 km, 2 km, 5 km, 10 km, 20 km, …) whose
 * bar is no longer than `maxLength_px`.
 * @param metresPerPixel ground metres per device px at the image's centre.
 */
export function scaleBarOf(metresPerPixel: number, maxLength_px: number): ScaleBar {
  const maxMetres = metresPerPixel * maxLength_px;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const step = [5, 2, 1].find((s) => s * power <= maxMetres) ?? 1;
  const metres = step * power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, length_px: metres / metresPerPixel, label };
}

/** Whether a map at `bearing_deg` (degrees clockwise from north) needs a north arrow: whenever it is rotated. */
export function needsNorthArrow(bearing_deg: number): boolean {
  const b = ((bearing_deg % 360) + 360) % 360;
  return Math.min(b, 360 - b) > 0.05;
}

/** Characters a line may break before or after on their own (CJK ideographs, kana, full-width forms and punctuation). */
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const TOKENS = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'gu');
/** Punctuation that must not start a line (it stays on the line before, even if a little long). */
const NO_LINE_START = new Set([...'，。、；：！？）》」』”’,.;:!?)]']);

/**
 * Wraps text into lines no wider than `maxWidth` (pure): Latin words break at spaces, CJK between
 * characters; a word longer than a line is cut between characters.
 * @param measure the width of a string in the same unit as `maxWidth` (e.g. px of a canvas font).
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (line === '' || measure(line + token) <= maxWidth || NO_LINE_START.has(token)) {
      line += token;
    } else {
      lines.push(line.trimEnd());
      line = token;
    }
    // A word wider than a whole line: cut it between characters.
    while (line === token && measure(line) > maxWidth && [...line].length > 1) {
      const chars = [...line];
      let n = chars.length - 1;
      while (n > 1 && measure(chars.slice(0, n).join('')) > maxWidth) n -= 1;
      lines.push(chars.slice(0, n).join(''));
      line = chars.slice(n).join('');
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** One line of a slide's legend. */
export type SlideLegendItem =
  | { kind: 'swatch'; swatch: Swatch; label: string }
  | { kind: 'direction'; colour: string; label: string }
  | { kind: 'group'; colours: string[]; label: string };

/** The words and facts of a slide, in one language. */
export interface SlideContent {
  title: string;
  subtitle?: string;
  legend: SlideLegendItem[];
  /** Titles of the documents cited, in the slide's language. */
  documents: string[];
  /** The attribution of the map's data, as plain text. */
  attribution: string;
  /** The date of export as it is to be shown, e.g. "导出日期 2025-06-01". */
  date: string;
  words: { legend: string; documents: string; none: string; north: string };
}

/** A text line placed in the column (px). */
export interface PlacedText {
  text: string;
  x: number;
  /** Baseline-independent top of the line. */
  y: number;
  font: 'heading' | 'body' | 'small';
}

/** The column laid out: texts, swatches, and the scale its fonts were shrunk by to fit. */
export interface ColumnLayout {
  texts: PlacedText[];
  swatches: Array<{ item: SlideLegendItem; box: Box }>;
  /** 1, or less when the content was shrunk to fit the column. */
  scale: number;
  /** Documents left out because even shrunk they did not fit. */
  omitted: number;
}

/** Line height as a multiple of the font size. */
const LINE = 1.3;
/** Smallest shrink factor of the column's fonts. */
const MIN_COLUMN_SCALE = 0.6;

/**
 * Lays out the column (pure): the legend heading and items (swatch left, wrapped label right),
 * then the documents heading and each document's wrapped title. Shrinks the fonts (down to 60 %)
 * until everything fits; then leaves out the last documents.
 * @param measure width (px) of a string at a font size (px).
 */
export function layoutColumn(
  layout: SlideLayout,
  content: Pick<SlideContent, 'legend' | 'documents' | 'words'>,
  measure: (s: string, fontPx: number) => number,
): ColumnLayout {
  const attempt = (scale: number, documents: readonly string[]): ColumnLayout & { height: number } => {
    const { column, pad, unit } = layout;
    const f = {
      heading: layout.fonts.heading * scale,
      body: layout.fonts.body * scale,
      small: layout.fonts.small * scale,
    };
    const x = column.x + pad;
    const width = column.w - 2 * pad;
    const swatchW = 2.4 * unit * scale;
    const texts: PlacedText[] = [];
    const swatches: ColumnLayout['swatches'] = [];
    let y = column.y + pad;
    texts.push({ text: content.words.legend, x, y, font: 'heading' });
    y += f.heading * LINE + 0.3 * unit * scale;
    for (const item of content.legend) {
      const ramp = item.kind === 'swatch' && item.swatch.shape === 'ramp';
      const labelX = ramp ? x : x + swatchW + 0.5 * unit * scale;
      const rowH = f.body * LINE;
      if (ramp) {
        swatches.push({ item, box: { x, y, w: width, h: rowH } });
        y += rowH;
      }
      const lines = wrapText(item.label, x + width - labelX, (s) => measure(s, f.body));
      if (!ramp) swatches.push({ item, box: { x, y, w: swatchW, h: rowH } });
      for (const [i, text] of lines.entries()) texts.push({ text, x: labelX, y: y + i * rowH, font: 'body' });
      y += Math.max(1, lines.length) * rowH + 0.35 * unit * scale;
    }
    y += 0.6 * unit * scale;
    texts.push({ text: content.words.documents, x, y, font: 'heading' });
    y += f.heading * LINE + 0.2 * unit * scale;
    const docs = documents.length > 0 ? documents : [content.words.none];
    for (const doc of docs) {
      for (const text of wrapText(doc, width, (s) => measure(s, f.small))) {
        texts.push({ text, x, y, font: 'small' });
        y += f.small * LINE;
      }
      y += 0.3 * unit * scale;
    }
    return { texts, swatches, scale, omitted: 0, height: y + pad - column.y };
  };
  let scale = 1;
  let fit = attempt(scale, content.documents);
  while (fit.height > layout.column.h && scale > MIN_COLUMN_SCALE) {
    scale = Math.max(MIN_COLUMN_SCALE, scale * 0.9);
    fit = attempt(scale, content.documents);
  }
  let kept = content.documents.length;
  while (fit.height > layout.column.h && kept > 1) {
    kept -= 1;
    fit = attempt(scale, [...content.documents.slice(0, kept), '…']);
  }
  return { texts: fit.texts, swatches: fit.swatches, scale: fit.scale, omitted: content.documents.length - kept };
}

/** What `composeSlide` needs of the map image. */
export interface SlideMap {
  canvas: CanvasImageSource;
  metresPerPixel: number;
  bearing: number;
}

const INK = '#1d2733';
const MUTED = '#5b6472';
const RULE = '#d5d9df';

/**
 * Draws a slide on a new canvas of `layout.width_px` × `layout.height_px`.
 * @param map the map image, drawn into `layout.map` (rendered at that size; scaled if not).
 * @throws Error if the browser gives no 2D canvas context.
 */
export function composeSlide(layout: SlideLayout, map: SlideMap, content: SlideContent): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = layout.width_px;
  canvas.height = layout.height_px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  const { unit, pad, fonts } = layout;
  const font = (px: number, weight = 400) => `${weight} ${px}px ${SLIDE_FONT}`;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';

  ctx.drawImage(map.canvas, layout.map.x, layout.map.y, layout.map.w, layout.map.h);

  // Title band.
  const header = layout.header;
  if (header) {
    ctx.fillStyle = INK;
    ctx.font = font(fonts.title, 700);
    const maxTitle = header.w - 2 * pad;
    ctx.fillText(fitLine(ctx, content.title, maxTitle), pad, header.y + pad * 0.8);
    if (content.subtitle) {
      ctx.fillStyle = MUTED;
      ctx.font = font(fonts.subtitle);
      ctx.fillText(fitLine(ctx, content.subtitle, maxTitle), pad, header.y + pad * 0.8 + fonts.title * 1.25);
    }
    rule(ctx, 0, header.y + header.h, layout.width_px, unit);
  }

  // Column: legend and documents cited.
  const col = layoutColumn(layout, content, (s, px) => {
    ctx.font = font(px);
    return ctx.measureText(s).width;
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(layout.column.x, layout.column.y, layout.column.w, layout.column.h);
  ctx.fillStyle = RULE;
  ctx.fillRect(layout.column.x, layout.column.y, Math.max(1, unit / 10), layout.column.h);
  for (const s of col.swatches) drawLegendSymbol(ctx, s.item, s.box, unit * col.scale, fonts.small * col.scale);
  for (const t of col.texts) {
    const px = (t.font === 'heading' ? fonts.heading : t.font === 'body' ? fonts.body : fonts.small) * col.scale;
    ctx.font = font(px, t.font === 'heading' ? 700 : 400);
    ctx.fillStyle = t.font === 'small' ? '#2c3440' : INK;
    ctx.fillText(t.text, t.x, t.y + px * 0.12);
  }

  // Scale bar over the map's bottom-left corner, on a pale backing.
  const bar = scaleBarOf(map.metresPerPixel, layout.scaleBar.maxLength_px);
  const { x, y } = layout.scaleBar;
  ctx.font = font(fonts.small, 600);
  const labelW = ctx.measureText(bar.label).width;
  ctx.fillStyle = 'rgb(255 255 255 / 85%)';
  ctx.beginPath();
  ctx.roundRect(x - 0.5 * unit, y - 2.6 * unit, bar.length_px + labelW + 2 * unit, 3.1 * unit, 0.3 * unit);
  ctx.fill();
  const barH = 0.45 * unit;
  ctx.fillStyle = INK;
  ctx.fillRect(x, y - barH - 0.4 * unit, bar.length_px / 2, barH);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x + bar.length_px / 2, y - barH - 0.4 * unit, bar.length_px / 2, barH);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, unit / 12);
  ctx.strokeRect(x, y - barH - 0.4 * unit, bar.length_px, barH);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('0', x - ctx.measureText('0').width / 2, y - barH - 0.7 * unit);
  ctx.fillText(bar.label, x + bar.length_px + 0.5 * unit, y - 0.4 * unit);
  ctx.textBaseline = 'top';

  // North arrow, only when the map is rotated.
  if (needsNorthArrow(map.bearing)) drawNorthArrow(ctx, layout.north, map.bearing, content.words.north, fonts.small);

  // Footer: attribution (up to two lines), date of export on the right.
  rule(ctx, 0, layout.footer.y, layout.width_px, unit);
  ctx.font = font(fonts.small, 600);
  const dateW = ctx.measureText(content.date).width;
  ctx.fillStyle = MUTED;
  ctx.fillText(content.date, layout.footer.w - pad - dateW, layout.footer.y + 0.5 * unit);
  let attrPx = fonts.small;
  let lines: string[] = [];
  const attrWidth = layout.footer.w - 3 * pad - dateW;
  for (; attrPx >= fonts.small * 0.6; attrPx *= 0.92) {
    ctx.font = font(attrPx);
    lines = wrapText(content.attribution, attrWidth, (s) => ctx.measureText(s).width);
    if (lines.length * attrPx * 1.25 <= layout.footer.h - 0.8 * unit) break;
  }
  ctx.fillStyle = MUTED;
  for (const [i, line] of lines.entries()) ctx.fillText(line, pad, layout.footer.y + 0.5 * unit + i * attrPx * 1.25);
  return canvas;
}

/** A thin horizontal rule. */
function rule(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, unit: number): void {
  ctx.fillStyle = RULE;
  ctx.fillRect(x, y, w, Math.max(1, unit / 10));
}

/** The text, cut with an ellipsis if wider than `max` in the current font. */
function fitLine(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > max) chars.pop();
  return `${chars.join('')}…`;
}

/** A north arrow in `box`, pointing to north on a map rotated by `bearing` degrees clockwise. */
function drawNorthArrow(ctx: CanvasRenderingContext2D, box: Box, bearing: number, north: string, fontPx: number): void {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const r = box.w / 2;
  ctx.save();
  ctx.fillStyle = 'rgb(255 255 255 / 88%)';
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.strokeStyle = RULE;
  ctx.lineWidth = Math.max(1, r / 20);
  ctx.stroke();
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -r * 0.78);
  ctx.lineTo(r * 0.28, r * 0.1);
  ctx.lineTo(0, -r * 0.05);
  ctx.lineTo(-r * 0.28, r * 0.1);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.font = `700 ${fontPx}px ${SLIDE_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(north, 0, r * 0.45);
  ctx.restore();
}

/** Draws a legend item's symbol in `box` (a swatch as the live legend draws it, a direction's dot, a district group). */
function drawLegendSymbol(
  ctx: CanvasRenderingContext2D,
  item: SlideLegendItem,
  box: Box,
  unit: number,
  smallPx: number,
): void {
  const cx = box.x + Math.min(box.w, 2.4 * unit) / 2;
  const cy = box.y + box.h / 2;
  const r = 0.5 * unit;
  ctx.save();
  const circle = (radius: number, fill?: string, stroke?: string, width = unit / 8) => {
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    if (stroke) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = width;
      ctx.stroke();
    }
  };
  if (item.kind === 'direction') circle(r, item.colour, 'rgb(29 39 51 / 55%)', unit / 16);
  else if (item.kind === 'group') {
    const w = 2.2 * unit;
    const h = 1.1 * unit;
    ctx.beginPath();
    ctx.roundRect(box.x, cy - h / 2, w, h, unit / 6);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.setLineDash([unit / 4, unit / 6]);
    ctx.strokeStyle = '#7d8593';
    ctx.lineWidth = unit / 14;
    ctx.stroke();
    ctx.setLineDash([]);
    item.colours.slice(0, 3).forEach((c, i) => {
      ctx.beginPath();
      ctx.arc(box.x + 0.5 * unit + i * 0.6 * unit, cy, 0.22 * unit, 0, 2 * Math.PI);
      ctx.fillStyle = c;
      ctx.fill();
    });
  } else {
    const s = item.swatch;
    if (s.shape === 'dot') {
      if (s.ring) circle(r * 1.45, undefined, s.ring, unit / 7);
      circle(r, s.fill, s.stroke);
    } else if (s.shape === 'ring') circle(r * 0.85, s.fill, s.stroke, unit / 5);
    else if (s.shape === 'halo') {
      ctx.setLineDash([unit / 6, unit / 8]);
      circle(r * 1.1, undefined, s.stroke, unit / 12);
    } else if (s.shape === 'line') {
      if (s.dashed) ctx.setLineDash([unit / 3, unit / 5]);
      ctx.beginPath();
      ctx.moveTo(box.x, cy);
      ctx.lineTo(box.x + 2 * unit, cy);
      ctx.strokeStyle = s.stroke ?? INK;
      ctx.lineWidth = unit / 5;
      ctx.stroke();
    } else if (s.shape === 'text') {
      ctx.fillStyle = s.fill ?? INK;
      ctx.font = `600 ${smallPx * 1.1}px ${SLIDE_FONT}`;
      ctx.textBaseline = 'middle';
      ctx.fillText('Aa', box.x, cy);
    } else if (s.shape === 'ramp') {
      const step = 1.8 * unit;
      ctx.font = `600 ${smallPx}px ${SLIDE_FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      (s.steps ?? []).forEach((st, i) => {
        ctx.fillStyle = st.colour;
        ctx.fillRect(box.x + i * step, box.y + box.h * 0.1, step - unit / 10, box.h * 0.8);
        ctx.fillStyle = '#ffffff';
        ctx.fillText(st.label, box.x + i * step + step / 2, cy);
      });
    }
  }
  ctx.restore();
}
