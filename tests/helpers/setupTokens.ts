import { installTokenFetch } from './links';

installTokenFetch();
