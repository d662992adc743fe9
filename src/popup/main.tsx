// Wiring only: the real transport, the popup, the shared theme.
import { render } from 'preact';
import { createClient } from '../shared/client.ts';
import { browserTransport } from '../shared/transport.ts';
import { Popup } from './Popup.tsx';
import '../shared/ui/theme.css';
import './popup.css';

render(<Popup client={createClient(browserTransport())} onNavigate={() => window.close()} />, document.getElementById('app')!);
