import {
  Button,
  Checkbox,
  createTheme,
  Drawer,
  Menu,
  Modal,
  NativeSelect,
  NumberInput,
  Pagination,
  PasswordInput,
  Table,
  Textarea,
  TextInput,
  type MantineColorsTuple,
} from '@mantine/core';

// A quiet slate-blue: readable all day on an office monitor, not shouting.
const ledgerBlue: MantineColorsTuple = [
  '#eef3fa',
  '#dce4ef',
  '#b5c7df',
  '#8ba8cf',
  '#688dc1',
  '#527cb9',
  '#4673b6',
  '#37629f',
  '#2e578f',
  '#204b80',
];

const chineseFonts = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** Dense and calm: office screens show long tables, so sizes are one step smaller than Mantine's defaults. */
export const theme = createTheme({
  primaryColor: 'ledger',
  primaryShade: 7,
  colors: { ledger: ledgerBlue },
  fontFamily: chineseFonts,
  headings: { fontFamily: chineseFonts, fontWeight: '600' },
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  spacing: { xs: '6px', sm: '10px', md: '14px', lg: '20px', xl: '28px' },
  cursorType: 'pointer',
  components: {
    Button: Button.extend({ defaultProps: { size: 'sm' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'sm' } }),
    Textarea: Textarea.extend({ defaultProps: { size: 'sm' } }),
    NumberInput: NumberInput.extend({ defaultProps: { size: 'sm' } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { size: 'sm' } }),
    Checkbox: Checkbox.extend({ defaultProps: { size: 'sm' } }),
    // The eye button must not read "密码" so that a label lookup for 密码 finds only the field.
    PasswordInput: PasswordInput.extend({
      defaultProps: { size: 'sm', visibilityToggleButtonProps: { 'aria-label': '显示或隐藏输入的内容' } },
    }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': '关闭' }, centered: true },
      styles: { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } },
    }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': '关闭' } } }),
    Menu: Menu.extend({ defaultProps: { shadow: 'md' } }),
    Pagination: Pagination.extend({
      defaultProps: {
        size: 'sm',
        getControlProps: (control) => ({
          'aria-label': { first: '第一页', previous: '上一页', next: '下一页', last: '最后一页' }[control],
        }),
      },
    }),
  },
});
