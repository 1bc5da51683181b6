// What other features may use from 培训与补贴: the page (routes).
export { SubsidiesPage } from './SubsidiesPage';
