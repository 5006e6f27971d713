import { hydrateRoot } from 'react-dom/client';
import { WrappedApp } from './WrappedApp';

hydrateRoot(document.getElementById('root')!, <WrappedApp />);
