"""Chart builders: model or frame in, plotly Figure out. No Streamlit, no queries, so that the
dashboard, present mode and the HTML hand-out draw the same pictures."""
