// The shared React components, one export line each (scenarios append here).
export { Button } from "./Button/Button.tsx";
