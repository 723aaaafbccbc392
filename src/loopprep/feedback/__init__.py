"""Answer feedback: STAR labelling, checks (metrics, ownership, delivery, recency,
relevance) and honest scores, every remark tied to a span of the answer."""
