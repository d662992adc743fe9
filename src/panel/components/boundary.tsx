// An error boundary around one pane: a record that breaks a view shows a note there, the rest of
// the panel keeps working, and the pane tries again when it is given another record (or a newer
// version of the same one).
import { Component, type ComponentChildren } from 'preact';

interface Props {
  /** what the pane shows: a new value clears the error and renders again */
  resetKey: unknown;
  /** "this record", "the list" */
  what: string;
  children: ComponentChildren;
}

interface State {
  error?: string;
  failedOn?: unknown;
}

export class Boundary extends Component<Props, State> {
  override state: State = {};

  override componentDidCatch(e: unknown): void {
    this.setState({ error: e instanceof Error ? e.message : String(e), failedOn: this.props.resetKey });
  }

  override componentDidUpdate(): void {
    if (
      this.state.error !== undefined &&
      this.state.failedOn !== undefined &&
      this.state.failedOn !== this.props.resetKey
    )
      this.setState({ error: undefined, failedOn: undefined });
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div class="problem" role="alert" data-testid="pane-error">
        AuthLens could not display {this.props.what} ({this.state.error.slice(0, 200)}).
      </div>
    );
  }
}
