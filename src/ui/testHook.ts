/**
 * A read-only hook for the browser tests and the benchmark: `window.__sdeMap`.
 * It only queries the map (rendered feature ids, screen positions, idle); it changes nothing.
 */
import type { MapController } from '../map/controller';

/** Shape of `window.__sdeMap`. */
export interface TestHook {
  /** Resolves at the map's next `idle`. */
  idle: () => Promise<void>;
  /** Feature ids rendered in the given layers, sorted. */
  rendered: (layers: string[]) => string[];
  /** Ids of the districts currently outlined as selected: only dashed (schematic) or solid ones if given. */
  selectedDistricts: (schematic?: boolean) => string[];
  /** Label texts rendered in a symbol layer, sorted. */
  labels: (layer: string) => string[];
  /** Screen position (CSS px, relative to the map canvas) of a lon/lat in degrees. */
  project: (lonLat: [number, number]) => { x: number; y: number };
}

declare global {
  interface Window {
    __sdeMap?: TestHook;
  }
}

/** Publishes the hook for `controller`. */
export function exposeTestHook(controller: MapController): void {
  window.__sdeMap = {
    idle: () => controller.whenIdle(),
    rendered: (layers) => controller.renderedIds(layers),
    labels: (layer) => controller.renderedLabels(layer),
    selectedDistricts: (schematic) => controller.selectedDistrictIds(schematic),
    project: (lonLat) => controller.project(lonLat),
  };
}
