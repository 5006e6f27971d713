// Register the elements before React renders: React 19 then sets customBackend and data as properties.
import 'pgo-widgets/define';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
