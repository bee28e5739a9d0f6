// Format service index: the class and its shared instance.
export { FormatService, formatService } from "./format-service.ts";
