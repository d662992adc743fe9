// Wiring only: the findings page (findings.html#<id>), the shared theme.
import { render } from 'preact';
import { FindingsPage } from './findings-page.tsx';
import '../shared/ui/theme.css';
import './findings.css';

render(<FindingsPage />, document.getElementById('app')!);
