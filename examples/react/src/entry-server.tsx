// Server rendering of the wrapped page (npm run build writes dist/hydrate.html with it).
import { renderToString } from 'react-dom/server';
import { WrappedApp } from './WrappedApp';

export const render = () => renderToString(<WrappedApp />);
