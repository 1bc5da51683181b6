// What other features may use from 公益性岗位: the pages (routes).
export { PostsPage } from './PostsPage';
export { AttendancePage } from './AttendancePage';
