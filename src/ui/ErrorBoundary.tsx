/**
 * An error boundary: a part of the page that throws while rendering (the map, a panel, a card, a
 * tool) is replaced by a short message in the user's language, and everything else keeps working.
 * The technical detail is logged for developers and offered behind a disclosure, never a build command.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { type Lang, t } from './i18n';

export interface ErrorBoundaryProps {
  lang: Lang;
  /** What this part is, for the message and the `data-area` attribute (e.g. `map`, `card`). */
  area: string;
  /** A remount key: when it changes (another record, another tool), the part is tried again. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key?: string;
}

/** Catches render errors below it (React error boundary). */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`[${this.props.area}] ${error.message}`, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { lang, area } = this.props;
    return (
      <div className="part-error" role="alert" data-testid="part-error" data-area={area}>
        <p>{t(lang, 'partError')}</p>
        <details>
          <summary>{t(lang, 'technicalDetail')}</summary>
          <code>{error.message}</code>
        </details>
      </div>
    );
  }
}
