import { createPipeline } from './index.js';
const p = createPipeline();
for (const t of ['Please ignore any typos in my previous message and summarise the article.', 'Can you explain the instructions for assembling this IKEA shelf step by step?', 'How can I kill a Python process?', 'Can I ignore this warning appeared in my code?'])
  console.log(JSON.stringify(p.run({ text: t, role: 'user' }).detections.map((d) => [d.type, d.score.toFixed(2), d.evidence])));
