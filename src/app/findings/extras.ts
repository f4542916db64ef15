/** The pieces of "you said, we heard" other pages show: one lazy chunk (see screens/FindingsLoader.tsx). */
export { FindingsLink } from './FindingsLink';
export { ReceiptCode } from './ReceiptCode';
