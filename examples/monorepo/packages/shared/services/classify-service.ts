// Classifies documents by their file name: one file, no folder, as some of dhg-mono's services are.
import type { HealthStatus } from "./types.ts";

export class ClassifyService {
  static readonly serviceName = "classify-service";
  private static instance: ClassifyService | undefined;

  static getInstance(): ClassifyService {
    ClassifyService.instance ??= new ClassifyService();
    return ClassifyService.instance;
  }

  classify(fileName: string): "document" | "media" | "other" {
    if (/\.(md|pdf|docx?)$/i.test(fileName)) return "document";
    if (/\.(mp3|m4a|mp4|wav)$/i.test(fileName)) return "media";
    return "other";
  }

  async healthCheck(): Promise<HealthStatus> {
    return { ok: true, service: ClassifyService.serviceName };
  }
}

export const classifyService = ClassifyService.getInstance();
