"""Which file stands for a resolution, with its provenance; fetching, adding and loading documents."""
