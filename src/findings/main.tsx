// Wiring only: the findings page (findings.html#<id>), the shared theme.
import { render } from 'preact';
import { FindingsPage } from './findings-page.tsx';
import { followTheme } from '../shared/ui/theme.ts';
import '../shared/ui/theme.css';
import './findings.css';

followTheme(document.documentElement);

render(<FindingsPage />, document.getElementById('app')!);
