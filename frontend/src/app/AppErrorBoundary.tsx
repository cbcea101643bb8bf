import { Component } from 'react';
import type { ReactNode } from 'react';
import { ErrorPage } from '@/components/ErrorPage';

interface State {
  error: unknown;
  failed: boolean;
}

/** Catches what escapes the router's own error handling (providers, the router itself). */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override render() {
    return this.state.failed ? <ErrorPage error={this.state.error} /> : this.props.children;
  }
}
