// Wiring only: the real transport, the options form, the shared theme.
import { render } from 'preact';
import { createClient } from '../shared/client.ts';
import { browserTransport } from '../shared/transport.ts';
import { Options } from './options.tsx';
import { followTheme } from '../shared/ui/theme.ts';
import '../shared/ui/theme.css';
import './options.css';

followTheme(document.documentElement);

render(<Options client={createClient(browserTransport())} />, document.getElementById('app')!);
