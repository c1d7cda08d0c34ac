import { mount } from 'svelte';
import App from './App.svelte';
import { extensionPopupClient } from './popup-client';

const target = document.getElementById('app');
if (target) mount(App, { target, props: { client: extensionPopupClient(location.search) } });
